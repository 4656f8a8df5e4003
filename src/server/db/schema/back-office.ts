/** Tables for customer accounts extras, contacts extras, service profile (issue 4, part A). */
export interface BackOfficeTables {}
