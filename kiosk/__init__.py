"""A touch-screen patient-education kiosk about stem cell therapy for hair loss."""

__version__ = "0.1.0"
