#pragma once
namespace facilitation {
// data/schema.sql, compiled into the program so a database can always be created.
const char* SchemaSql();
}  // namespace facilitation
