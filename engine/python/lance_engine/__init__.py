"""The Python half of lance-index studio: a long-lived pylance process driven over JSON lines.

TypeScript owns planning, orchestration and the window; this package does only what needs
Lance's own runtime: describing datasets, building index segments over chosen fragments,
committing them, and verifying the result.
"""
