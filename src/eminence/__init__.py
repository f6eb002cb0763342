"""eminence: plan professional eminence."""
