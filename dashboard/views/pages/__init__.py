"""One module per page; each has `render()` and reads like a description of its page."""
