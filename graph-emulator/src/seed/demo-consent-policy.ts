/**
 * Permissions Microsoft lets users consent to, which the demo tenants keep for their administrators: an Entra tenant
 * can do so through its user-consent settings, and the demo's "authorize SharePoint for the organisation" step needs
 * one such permission. The permissions reference itself marks Sites.Read.All (delegated) as not needing admin consent.
 */
export const DEMO_ADMIN_ONLY_PERMISSIONS: readonly string[] = ['Sites.Read.All'];
