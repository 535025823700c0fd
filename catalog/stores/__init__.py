"""Graph stores: embedded (networkx) and Neo4j."""
