"""Dashboard charts of the modules built in parallel (recognitions, services, projects, funding)."""
