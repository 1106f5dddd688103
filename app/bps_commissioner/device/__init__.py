"""What a BPS2000v2 is: quantities, register map, scaling, decoding. Pure Python, no I/O."""
