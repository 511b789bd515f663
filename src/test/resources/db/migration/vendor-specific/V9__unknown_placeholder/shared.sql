CREATE TABLE fixture_unknown (payload ${no_such_type});
