"""What an operator needs from the running app: a health answer and one log line a request."""
