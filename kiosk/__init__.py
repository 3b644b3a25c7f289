"""A touch-screen patient-education kiosk about stem cell therapy for hair loss."""

# Declared here only: pyproject.toml reads it for the package, the staff status panel shows it.
__version__ = "0.1.0"
