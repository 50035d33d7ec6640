"""The endpoints, one module per resource; `sync.server.app` mounts them."""
