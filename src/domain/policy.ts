/** The partner programme's rules that an operator may tune (Partner Center's current values by default). */
export interface RegistrationPolicy {
  /** The signed date may be at most this many days ago. */
  signedWithinDays: number;
  /** The start date may be at most this many days ago. */
  startWithinDays: number;
  /** Minimum annual contract value per currency; below it the summary warns (never blocks). */
  minAnnualValue: Readonly<Record<string, string>>;
  /** Years a perpetual contract is spread over for its annual value. */
  perpetualYears: number;
}

export const PARTNER_CENTER_POLICY: RegistrationPolicy = {
  signedWithinDays: 60,
  startWithinDays: 90,
  minAnnualValue: { USD: '25000' },
  perpetualYears: 6,
};
