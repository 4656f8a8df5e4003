/** Tables for services catalog, pricelists, floorplans, units, pros (issue 4, part B). */
export interface CatalogTables {}
