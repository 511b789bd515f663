package com.leadfactory.lineage.caller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * Reading JSON numbers as the numbers sent: a decimal as an exact decimal with its written scale (1.50 stays 1.50,
 * 0.10000000000000000000001 and 1e400 stay themselves), never a double (docs/DESIGN-NOTES.md, "Numbers in the raw
 * inputs"). Integers are exact either way.
 */
public final class ExactDecimals {

    private ExactDecimals() {}

    public static ObjectReader reading(ObjectReader reader) {
        return reader.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }
}
