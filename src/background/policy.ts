/**
 * Enterprise policy decisions. Until the policy issue lands, everything is allowed; callers already
 * ask here so that issue only has to fill this in.
 */
export async function policyAllowsExport(): Promise<boolean> {
  return true;
}
