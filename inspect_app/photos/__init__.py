"""Photos as the app keeps them: decoded, turned upright, capped, re-encoded and stripped."""
