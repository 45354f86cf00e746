"""API keys, scopes and the Caller every request acts as."""
