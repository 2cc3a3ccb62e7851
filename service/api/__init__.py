"""HTTP API routers, one module per audience or domain."""
