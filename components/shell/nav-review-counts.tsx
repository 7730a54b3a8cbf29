"use client";
// The nav's counts as a chunk of their own (with TanStack Query in it), fetched only by pages that
// render the navigation for someone signed in, so the login page does not carry it.
import dynamic from "next/dynamic";

export const NavReviewCounts = dynamic(() => import("./nav-review-counts-live").then((module) => module.NavReviewCountsLive));
export const NavApprovalCounts = dynamic(() => import("./nav-review-counts-live").then((module) => module.NavApprovalCountsLive));
