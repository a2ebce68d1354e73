"""A bare word in a filter is read as a column: the message says to quote it, with the filter fixed."""

from lance_engine.query_hints import query_error


def test_a_value_without_quotes_gets_the_filter_with_them():
    msg = query_error('Schema error: No field named books. Valid fields are "category".', "category = books", ["id", "category"])
    assert msg == (
        "The query could not run: no column is named 'books'. If books is a value, put it in single quotes: "
        "category = 'books'. The columns are id, category."
    )


def test_other_errors_pass_through_first_line_only():
    assert query_error("Parse error at 3\nmore detail", "id >", ["id"]) == "The query could not run: Parse error at 3"
