"""What every human output shares: words, the theme (colours, markers), escaping per format."""
