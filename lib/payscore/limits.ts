// Field limits of the Payscore service-order APIs (PAYSCORE_API §1.1), without the schemas that
// enforce them (./fields): the order forms show these limits while they render, and importing them
// from here keeps zod out of the order page's first load (the schemas load on the first validation).
import { MAX_FEN } from "../money";

export const LIMITS = {
  outOrderNo: 32,
  id: 32,
  paymentName: 20,
  paymentDescription: 30,
  paymentCountMax: 100,
  paymentsMin: 1,
  paymentsMax: 100,
  discountName: 20,
  discountDescription: 30,
  discountsMax: 30,
  reason: 50,
  timeRemark: 20,
  location: 50,
  device: 32,
  goodsTag: 32,
  maxFen: MAX_FEN,
} as const;
