"""The Time Credits partner API."""
