"""Pure rules of the programme: plain values in, plain values out, `today` passed in."""
