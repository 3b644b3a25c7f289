"""The kiosk's Qt widgets; everything that decides what to show lives outside this package."""
