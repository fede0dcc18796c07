// One place to import the Rust-owned types from. Most come straight from the
// generated bindings; the few the core has not exported yet are declared here to
// the agreed contract and will be swapped for the generated ones when they land.
export type { Address } from './bindings/Address'
export type { Dashboard } from './bindings/Dashboard'
export type { Group } from './bindings/Group'
export type { Household } from './bindings/Household'
export type { HouseholdInput } from './bindings/HouseholdInput'
export type { HouseholdQuery } from './bindings/HouseholdQuery'
export type { Options } from './bindings/Options'
export type { Page } from './bindings/Page'
export type { PartyKind } from './bindings/PartyKind'
export type { PartyStatus } from './bindings/PartyStatus'
export type { Role } from './bindings/Role'
export type { Settings } from './bindings/Settings'
export type { Staff } from './bindings/Staff'
export type { StaffInput } from './bindings/StaffInput'
export type { StaffQuery } from './bindings/StaffQuery'
export type { StaffStatus } from './bindings/StaffStatus'
export type { Tag } from './bindings/Tag'
export type { Zone } from './bindings/Zone'
export type { ZoneInput } from './bindings/ZoneInput'
export type { ZoneKind } from './bindings/ZoneKind'
export type { ZoneQuery } from './bindings/ZoneQuery'

/** One bad cell of an imported file (row as Excel numbers it, header is row 1). */
export type RowError = { row: number; column: string; message: string }

/** What every failed command returns: a stable code and a Chinese message. */
export type ErrorDto = { code: string; message: string; rows: RowError[] }

export type ImportTarget = 'staff' | 'households'

export type ImportRow = { row: number; action: '新增' | '更新' | '不变'; name: string; detail: string }

export type ImportPreview = {
  target: ImportTarget
  file_name: string
  total_rows: number
  to_create: number
  to_update: number
  unchanged: number
  /** Headers in the file that match no expected column; they are ignored. */
  ignored_columns?: string[]
  errors: RowError[]
  rows: ImportRow[]
}

export type ImportOutcome = { created: number; updated: number; unchanged: number }
