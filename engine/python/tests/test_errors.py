"""How pylance's failures reach people: without Rust source locations, and sorted into what a
retry could change (storage) and what it can't (input)."""

from lance_engine.errors import EngineError, lance_failure, lance_message, without_rust_locations


def test_rust_source_locations_are_taken_out():
    text = (
        "Invalid user input: block_size must be 128 or 256, /root/.cargo/registry/src/lance-index/src/scalar/inverted.rs:123:45"
    )
    assert lance_message(ValueError(text)) == "Invalid user input: block_size must be 128 or 256"


def test_every_location_goes_and_nothing_else():
    loc = "/src/lance/rust/a.rs:1:2"
    assert without_rust_locations(f"one, {loc}; two,{loc} three {loc}") == "one; two three"
    # A word without a slash, or text around, stays as it is.
    assert without_rust_locations("file.rs:1:2 and a/b c") == "file.rs:1:2 and a/b c"
    assert without_rust_locations(f"x{loc}{loc}") == "x"


def test_a_huge_filter_echoed_back_comes_back_whole():
    # Lance repeats a bad filter in its error; 200,000 slashes once took the old pattern minutes.
    text = "Error parsing statement: SELECT 1 FROM t WHERE " + "/" * 200_000
    assert lance_message(ValueError(text)) == text
    spaced = "x" + " " * 100_000 + "/" * 100_000 + ".rs"
    assert without_rust_locations(spaced) == spaced
    no_paths = "a.rs:1:2" * 30_000
    assert without_rust_locations(no_paths) == no_paths


def test_an_empty_message_names_the_exception():
    assert lance_message(KeyError()) == "KeyError"


def test_storage_failures_may_pass_on_another_try():
    for exc in (OSError("connection reset"), ValueError("LanceError(IO): object store timed out")):
        e = lance_failure(exc)
        assert isinstance(e, EngineError)
        assert (e.kind, e.retryable) == ("build", True)


def test_values_pylance_refuses_are_input_and_not_retried():
    e = lance_failure(ValueError("Invalid user input: unknown tokenizer"), prefix="batch 0: ")
    assert (e.kind, e.retryable) == ("input", False)
    assert str(e) == "batch 0: Invalid user input: unknown tokenizer"


def test_anything_else_fails_the_build_without_a_retry():
    e = lance_failure(RuntimeError("panicked at index build"))
    assert (e.kind, e.retryable) == ("build", False)
