import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import {
  addDays,
  backScheduledDate,
  checkManualDate,
  checkPurchaseOrders,
  checkStatusChange,
  checkTurnDates,
  contactDelivery,
  decideAddOnRequest,
  deriveTurnStatus,
  readyByDate,
  turnTotalCents,
} from './turn-rules.ts';

describe('back-scheduling', () => {
  it('counts calendar days across months and leap days', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
    expect(readyByDate('2026-07-01')).toBe('2026-06-30');
    expect(readyByDate(null)).toBeNull();
  });

  it('schedules each service its default days before move-in', () => {
    expect(backScheduledDate('2026-06-20', '2026-07-01', 5)).toBe('2026-06-26');
    expect(backScheduledDate('2026-06-20', '2026-07-01', 2)).toBe('2026-06-29');
  });

  it('never schedules before the move-out nor after the ready-by day', () => {
    expect(backScheduledDate('2026-06-28', '2026-07-01', 5)).toBe('2026-06-28');
    expect(backScheduledDate('2026-06-20', '2026-07-01', 0)).toBe('2026-06-30');
  });

  it('leaves the date open without a move-in', () => {
    expect(backScheduledDate('2026-06-20', null, 5)).toBeNull();
  });

  it('refuses a move-in on or before the move-out, and manual dates outside the vacancy', () => {
    expect(() => checkTurnDates('2026-07-01', '2026-07-01')).toThrow('The move-in must be after the move-out');
    expect(() => checkTurnDates('2026-07-01', null)).not.toThrow();
    expect(() => checkManualDate('lines.0.scheduledDate', '2026-06-19', '2026-06-20', '2026-07-01')).toThrow(
      'on or after the move-out',
    );
    expect(() => checkManualDate('lines.0.scheduledDate', '2026-07-01', '2026-06-20', '2026-07-01')).toThrow(
      '(2026-06-30)',
    );
    expect(() => checkManualDate('lines.0.scheduledDate', '2026-06-30', '2026-06-20', '2026-07-01')).not.toThrow();
  });
});

describe('turn status', () => {
  it('is derived from the services', () => {
    expect(deriveTurnStatus(['pending', 'pending'], false)).toBe('pending');
    expect(deriveTurnStatus(['pending', 'scheduled'], false)).toBe('scheduled');
    expect(deriveTurnStatus(['scheduled', 'in_progress'], false)).toBe('in_progress');
    expect(deriveTurnStatus(['completed', 'scheduled'], false)).toBe('in_progress');
    expect(deriveTurnStatus(['completed', 'canceled'], false)).toBe('completed');
    expect(deriveTurnStatus(['canceled', 'canceled'], false)).toBe('canceled');
    expect(deriveTurnStatus(['completed'], true)).toBe('canceled');
  });
});

describe('price total', () => {
  it('adds open services and approved add-ons only', () => {
    const total = turnTotalCents([
      {
        status: 'scheduled',
        priceCents: 15000,
        addOns: [
          { status: 'approved', priceCents: 7500 },
          { status: 'pending', priceCents: 9500 },
          { status: 'declined', priceCents: 100 },
        ],
      },
      { status: 'canceled', priceCents: 18000, addOns: [{ status: 'approved', priceCents: 4500 }] },
      { status: 'pending', priceCents: null, addOns: [] },
      { status: 'completed', priceCents: 12000, addOns: [] },
    ]);
    expect(total).toBe(15000 + 7500 + 12000);
  });
});

describe('add-on approval decision', () => {
  it('follows the account’s approval method', () => {
    expect(decideAddOnRequest('customer_approves', null, 5000)).toEqual({ status: 'pending', approver: 'customer' });
    expect(decideAddOnRequest('staff_approves', null, 5000)).toEqual({ status: 'pending', approver: 'staff' });
    expect(decideAddOnRequest('auto_approve_under_limit', 10000, 9999)).toEqual({ status: 'approved' });
  });

  it('asks the customer at or over the limit, or when there is no price', () => {
    expect(decideAddOnRequest('auto_approve_under_limit', 10000, 10000)).toEqual({
      status: 'pending',
      approver: 'customer',
    });
    expect(decideAddOnRequest('auto_approve_under_limit', 10000, null)).toEqual({
      status: 'pending',
      approver: 'customer',
    });
  });
});

describe('POs and status changes', () => {
  it('refuses a default PO together with “I don’t know”', () => {
    expect(() => checkPurchaseOrders('PO-1', true)).toThrow(AppError);
    expect(() => checkPurchaseOrders(null, true)).not.toThrow();
    expect(() => checkPurchaseOrders('PO-1', false)).not.toThrow();
  });

  it('keeps canceled and completed services where they are', () => {
    expect(() => checkStatusChange('canceled', 'scheduled', true)).toThrow('canceled');
    expect(() => checkStatusChange('completed', 'in_progress', true)).toThrow('already completed');
    expect(() => checkStatusChange('pending', 'scheduled', false)).toThrow('Give the service a date');
    expect(() => checkStatusChange('scheduled', 'in_progress', true)).not.toThrow();
  });
});

describe('contactDelivery', () => {
  const contact = (notificationChannel: string, phone: string | null) => ({ notificationChannel, phone });
  it('texts a contact who prefers SMS, sends nothing when they chose none, and falls back to email', () => {
    const emails = ['maria@example.test'];
    expect(contactDelivery(contact('sms', '+15125550123'), emails)).toEqual({ channel: 'sms', to: ['+15125550123'] });
    expect(contactDelivery(contact('sms', null), emails)).toEqual({ channel: 'email', to: emails });
    expect(contactDelivery(contact('none', '+15125550123'), emails)).toBeNull();
    expect(contactDelivery(contact('email', '+15125550123'), emails)).toEqual({ channel: 'email', to: emails });
    expect(contactDelivery(contact('email', null), [])).toBeNull();
    expect(contactDelivery(contact('sms', null), [])).toBeNull();
  });

  it('texts the number in E.164 however it was stored, and emails when it is no phone number', () => {
    const emails = ['maria@example.test'];
    expect(contactDelivery(contact('sms', '(512) 555-0153'), emails)).toEqual({ channel: 'sms', to: ['+15125550153'] });
    expect(contactDelivery(contact('sms', '555'), emails)).toEqual({ channel: 'email', to: emails });
  });
});
