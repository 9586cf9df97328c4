// How many calls one connection may make: a token bucket (refilled at
// `perSecond`, holding at most `burst`). Far above what a person types or a
// page sends, it bounds what a script can make the server do per socket.
export interface Budget { perSecond: number; burst: number }

export class CallBudget {
  private tokens: number;
  private last: number;

  constructor(private readonly budget: Budget, private readonly now: () => number = Date.now) {
    this.tokens = budget.burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.budget.burst, this.tokens + ((t - this.last) / 1000) * this.budget.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
