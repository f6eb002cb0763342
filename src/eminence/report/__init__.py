"""Views of profiles and results: text tables now, HTML and charts as they land."""
