"""SQLModel tables and the API's request/response schemas."""
