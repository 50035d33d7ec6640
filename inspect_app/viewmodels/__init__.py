"""Observable view-models: screen state and actions over the store, with no controls."""
