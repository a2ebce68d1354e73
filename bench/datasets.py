"""Writes one benchmark dataset with pylance: `python datasets.py '<spec json>'`, prints one JSON line.

spec: {"uri", "kind": "text"|"int64"|"short_string"|"category"|"vector", "fragments": [rows, ...],
       "words": [mean words per doc, per fragment] (text), "cardinality": n (category),
       "dimension": d (vector), "seed"}

Everything is vectorised (numpy draws, pyarrow kernels) and written in batches of at most
BATCH rows, so the full size (20M ints, 5M documents) is written in about a minute and in
bounded memory instead of by Python loops over every row.
"""
import json
import sys

import lance
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BATCH = 250_000
VOCAB_SIZE = 20_000
# Vectors: Gaussian blobs that overlap, with variance falling off along the dimensions (like real
# embeddings, whose information sits in a few directions). Isotropic noise in 128-d would put a
# point's neighbours all at nearly the same distance, so recall would measure chance; separated
# blobs would make IVF's recall 1.0 whatever the model. These settings give, with pylance 14's own
# build (256 partitions, nprobes 20), recall@10 ~0.98-0.99 for IVF_FLAT and ~0.55 (full size) to
# ~0.65 (smoke) for IVF_PQ: short of 1, so a worse model would show.
BLOBS = 256
BLOB_SPREAD = 1.0
DECAY_DIMS = 24


def vocabulary(rng: np.random.Generator) -> pa.Array:
    """Pseudo-words of 2-4 syllables: enough distinct tokens for a realistic inverted index."""
    syllables = np.array([c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"])
    words = set()
    while len(words) < VOCAB_SIZE:
        n = int(rng.integers(2, 5))
        words.add("".join(rng.choice(syllables, n)))
    # Shuffled: which pseudo-word gets which frequency rank should not follow the alphabet.
    return pa.array(rng.permutation(sorted(words)), pa.string())


def word_cdf() -> np.ndarray:
    # Zipf-like frequencies (s ~ 1.07, as in English text): a few very common tokens with long
    # posting lists, many rare ones; drawn by inverse CDF, which is one searchsorted per batch.
    weights = 1.0 / np.arange(1, VOCAB_SIZE + 1) ** 1.07
    return np.cumsum(weights) / weights.sum()


def text_batch(rng, vocab, cdf, n, mean_words):
    lengths = rng.poisson(mean_words - 1, n).astype(np.int32) + 1
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    picks = np.searchsorted(cdf, rng.random(int(offsets[-1])))
    words = vocab.take(pa.array(np.minimum(picks, VOCAB_SIZE - 1)))
    return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), words), " ")


def short_string_batch(rng, n):
    # 6-12 characters of [a-z0-9]: built as one UTF-8 buffer plus offsets, not n Python strings.
    alphabet = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8)
    lengths = rng.integers(6, 13, n).astype(np.int32)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    data = alphabet[rng.integers(0, len(alphabet), int(offsets[-1]))]
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data.tobytes()))


def vector_shape(rng, dim):
    """The blobs' centres and the noise's per-dimension scale, turned by one random rotation
    (so no axis is special: PQ's sub-vectors each get a share of the variance)."""
    rotation, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    scale = np.exp(-np.arange(dim) / DECAY_DIMS) + 0.05  # a floor: every direction keeps a little noise
    centres = (rng.normal(size=(BLOBS, dim)) * BLOB_SPREAD * scale) @ rotation
    return centres.astype(np.float32), scale.astype(np.float32), rotation.astype(np.float32)


def vector_batch(rng, shape, n):
    centres, scale, rotation = shape
    x = centres[rng.integers(0, len(centres), n)] + (rng.standard_normal((n, len(scale)), dtype=np.float32) * scale) @ rotation
    return pa.FixedSizeListArray.from_arrays(pa.array(x.reshape(-1)), len(scale))


def column(spec, rng, vocab, cdf, n, fragment, shape=None):
    kind = spec["kind"]
    if kind == "text":
        return "text", text_batch(rng, vocab, cdf, n, spec["words"][fragment])
    if kind == "int64":
        return "key", pa.array(rng.integers(-(2**62), 2**62, n, dtype=np.int64))
    if kind == "short_string":
        return "code", short_string_batch(rng, n)
    if kind == "category":
        names = pa.array([f"category_{i:02d}" for i in range(spec["cardinality"])], pa.string())
        # Skewed like real categories: the most common value is ~10x the rarest.
        p = 1.0 / np.arange(1, spec["cardinality"] + 1) ** 0.8
        return "category", names.take(pa.array(rng.choice(len(p), n, p=p / p.sum())))
    if kind == "vector":
        return "vec", vector_batch(rng, shape, n)
    raise ValueError(f"unknown kind {kind!r}")


def main():
    spec = json.loads(sys.argv[1])
    rng = np.random.default_rng(spec.get("seed", 11))
    vocab = vocabulary(rng) if spec["kind"] == "text" else None
    cdf = word_cdf() if spec["kind"] == "text" else None
    shape = vector_shape(rng, spec["dimension"]) if spec["kind"] == "vector" else None
    first_id = 0
    fragments, schema, col_bytes = [], None, []

    for index, rows in enumerate(spec["fragments"]):
        def batches(index=index, rows=rows, start=first_id):
            for offset in range(0, rows, BATCH):
                n = min(BATCH, rows - offset)
                name, values = column(spec, rng, vocab, cdf, n, index, shape)
                ids = pa.array(np.arange(start + offset, start + offset + n, dtype=np.int64))
                batch = pa.record_batch([ids, values], names=["id", name])
                col_bytes[-1] += values.nbytes
                yield batch

        col_bytes.append(0)
        name, sample = column(spec, np.random.default_rng(0), vocab, cdf, 1, index, shape)
        schema = pa.schema([("id", pa.int64()), (name, sample.type)])
        reader = pa.RecordBatchReader.from_batches(schema, batches())
        # One fragment per call: max_rows_per_file = its rows keeps the uneven sizes as given.
        fragments.extend(lance.fragment.write_fragments(reader, spec["uri"], schema=schema, max_rows_per_file=max(rows, 1)))
        first_id += rows

    # One Overwrite commit for every fragment (appending each would leave a version per fragment).
    ds = lance.LanceDataset.commit(spec["uri"], lance.LanceOperation.Overwrite(schema, fragments))
    print(json.dumps({
        "uri": spec["uri"],
        "rows": ds.count_rows(),
        "fragments": [f.count_rows() for f in ds.get_fragments()],
        "column_bytes": col_bytes,
        "pylance": lance.__version__,
    }))


if __name__ == "__main__":
    main()
