"""A segment crosses processes as JSON (worker -> driver); what comes back must commit as it was."""

import lance

from lance_engine import segment_codec


def test_a_built_segment_survives_encode_and_decode_and_commits(dataset):
    ds = lance.dataset(dataset)
    segment = ds.create_index_uncommitted("id", "BTREE", name="id_idx", replace=True, fragment_ids=[0, 1])
    data = segment_codec.encode(segment)
    assert data["fragment_ids"] == [0, 1]
    back = segment_codec.decode(data)
    assert back.uuid == segment.uuid
    assert back.fragment_ids == {0, 1}
    assert back.index_details == segment.index_details
    ds = lance.dataset(dataset)
    ds.commit_existing_index_segments("id_idx", "id", [back])
    listed = [i for i in lance.dataset(dataset).list_indices() if i["name"] == "id_idx"]
    assert [i["uuid"] for i in listed] == [segment.uuid]
    assert sorted(listed[0]["fragment_ids"]) == [0, 1]


def test_index_details_are_carried_as_base64_text(dataset):
    segment = lance.dataset(dataset).create_index_uncommitted("id", "BTREE", name="id_idx", replace=True, fragment_ids=[2])
    data = segment_codec.encode(segment)
    type_url, payload = data["index_details"]
    assert isinstance(type_url, str) and isinstance(payload, str)
    assert segment_codec.decode(data).index_details[1] == segment.index_details[1]
