"""Chart builders: pure functions from DataFrames to Plotly figures (no Streamlit), tested on their own."""
