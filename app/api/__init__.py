"""REST routers: parse, call one service, shape the response."""
