"""What assistants use: the adapter to cjm's library, and the Model Context Protocol server."""
