"""Domain logic shared by REST and GraphQL. Services never commit: callers own the transaction."""
