"""How pylance's failures reach people: without Rust source locations, and sorted into what a
retry could change (storage) and what it can't (input)."""

from lance_engine.errors import EngineError, lance_failure, lance_message


def test_rust_source_locations_are_taken_out():
    text = (
        "Invalid user input: block_size must be 128 or 256, /root/.cargo/registry/src/lance-index/src/scalar/inverted.rs:123:45"
    )
    assert lance_message(ValueError(text)) == "Invalid user input: block_size must be 128 or 256"


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
