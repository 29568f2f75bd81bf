"""The kit's needs: data model, rendering, source notes, page links.

Also the views of needs shown on other pages: commitment cards, channel tabs,
best-practice citations.
"""
