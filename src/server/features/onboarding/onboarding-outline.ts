import type PDFDocument from 'pdfkit';
import { BILLING_CYCLE_LABELS, BILLING_TYPE_LABELS } from '../../../shared/billing-contracts.ts';
import { ONBOARDING_PART_LABELS } from '../../../shared/onboarding-contracts.ts';
import { PRE_ONBOARD_ITEMS, type Question, QUESTIONS } from './onboarding-questions.ts';

export interface OutlineAnswer {
  key: string;
  value: unknown;
  answered: boolean;
  answeredByName: string | null;
  answeredAt: string | null;
}

/** What a filled outline shows; the blank outline has none of it. */
export interface OutlineSession {
  accountName: string;
  state: string;
  completedAt: string | null;
  completedByName: string | null;
  contacts: Array<{ id: string; name: string; title: string | null; phone: string | null; email: string | null }>;
  answers: OutlineAnswer[];
  checklist: Array<{ label: string; done: boolean }>;
}

const MARGIN = 56;
const INK = '#1f2933';
const MUTED = '#616e7c';
const ACCENT = '#1c7ed6';

function formatAnswer(question: Question, value: unknown, session: OutlineSession): string | null {
  const nameOf = (id: unknown) => session.contacts.find((contact) => contact.id === id)?.name ?? 'a former contact';
  if (value === null || value === undefined || value === '') return null;
  switch (question.kind) {
    case 'contact':
      return nameOf(value);
    case 'contacts':
      return (value as string[]).length ? (value as string[]).map(nameOf).join(', ') : 'Nobody else';
    case 'choice':
      return question.options?.find((option) => option.value === value)?.label ?? String(value);
    case 'yes_no':
      return value ? 'Yes' : 'No';
    case 'check':
      return null;
    case 'billing': {
      const billing = value as Record<string, string | null>;
      const lines = [
        [billing.contactFirstName, billing.contactLastName].filter(Boolean).join(' ') +
          (billing.contactTitle ? `, ${billing.contactTitle}` : ''),
        [billing.contactPhone, billing.contactEmail].filter(Boolean).join(' · '),
        [billing.addressLine1, billing.addressLine2, billing.city, billing.region, billing.postalCode]
          .filter(Boolean)
          .join(', '),
        billing.billingType ? `Billing type: ${BILLING_TYPE_LABELS[billing.billingType as 'ach']}` : '',
        billing.billingCycle
          ? `Billing cycle: ${BILLING_CYCLE_LABELS[billing.billingCycle as 'monthly']}${billing.billingMarket ? ` (market: ${billing.billingMarket})` : ''}`
          : '',
      ].filter((line) => line.trim() !== '');
      return lines.length ? lines.join('\n') : null;
    }
    default:
      return String(value);
  }
}

// Loaded with the first outline: pdfkit and its font tables are ~8 MB of memory most processes never use.
let pdfkit: Promise<{ default: typeof PDFDocument }> | undefined;

/** The onboard outline as a PDF: blank (to prepare a call) or filled in with one account's answers. */
export async function renderOutline(session: OutlineSession | null, generatedAt: Date): Promise<Buffer> {
  pdfkit ??= import('pdfkit');
  const { default: Document } = await pdfkit;
  const doc = new Document({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: session ? `Customer onboard – ${session.accountName}` : 'Customer onboard outline',
      Author: 'Portico',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - MARGIN * 2;

  const ensureSpace = (height: number) => {
    if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
  };
  const heading = (text: string) => {
    ensureSpace(60);
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(14).fillColor(ACCENT).text(text, MARGIN, doc.y, { width });
    const y = doc.y + 2;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.7)
      .strokeColor(ACCENT)
      .stroke();
    doc.moveDown(0.6);
  };
  const checkbox = (label: string, ticked: boolean, answer: string | null, writeLine: boolean, meta?: string) => {
    const labelHeight = doc
      .font('Helvetica')
      .fontSize(10.5)
      .heightOfString(label, { width: width - 22 });
    ensureSpace(labelHeight + (answer || writeLine ? 28 : 10));
    const top = doc.y;
    doc
      .rect(MARGIN, top + 1, 10, 10)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    if (ticked) {
      doc
        .moveTo(MARGIN + 2, top + 6)
        .lineTo(MARGIN + 4.5, top + 9)
        .lineTo(MARGIN + 9, top + 2.5)
        .lineWidth(1.4)
        .strokeColor('#2b8a3e')
        .stroke();
    }
    doc.fillColor(INK).text(label, MARGIN + 18, top, { width: width - 22 });
    if (answer) {
      doc
        .font('Helvetica-Bold')
        .fontSize(10.5)
        .fillColor(INK)
        .text(answer, MARGIN + 18, doc.y + 1, { width: width - 22 });
    } else if (writeLine) {
      const y = doc.y + 14;
      doc
        .moveTo(MARGIN + 18, y)
        .lineTo(MARGIN + width, y)
        .lineWidth(0.4)
        .strokeColor('#9aa5b1')
        .stroke();
      doc.y = y + 2;
    }
    if (meta)
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(meta, MARGIN + 18, doc.y + 1, { width: width - 22 });
    doc.moveDown(0.45);
  };

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text('Customer Onboard Outline', MARGIN, MARGIN, { width });
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor(MUTED)
    .text(
      session
        ? `${session.accountName} · ${session.state === 'complete' ? `Onboard complete ${session.completedAt?.slice(0, 10) ?? ''}${session.completedByName ? ` by ${session.completedByName}` : ''}` : 'Onboard in progress'}`
        : 'Blank outline for preparing the onboard call',
      { width },
    )
    .text(`Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, { width });

  if (session) {
    heading('Contacts');
    if (session.contacts.length === 0) doc.font('Helvetica').fontSize(10.5).fillColor(MUTED).text('No contacts yet.');
    for (const contact of session.contacts) {
      ensureSpace(30);
      doc
        .font('Helvetica-Bold')
        .fontSize(10.5)
        .fillColor(INK)
        .text(contact.name + (contact.title ? `, ${contact.title}` : ''));
      doc
        .font('Helvetica')
        .fontSize(9.5)
        .fillColor(MUTED)
        .text([contact.email, contact.phone].filter(Boolean).join(' · ') || 'No email or phone on file');
      doc.moveDown(0.3);
    }
  }

  heading(ONBOARDING_PART_LABELS.pre_onboard);
  const checklist = session?.checklist ?? PRE_ONBOARD_ITEMS.map((label) => ({ label, done: false }));
  for (const item of checklist) checkbox(item.label, item.done, null, false);

  const parts = ['part1', 'part2', 'part3', 'part4', 'closing'] as const;
  const open: string[] = [];
  for (const part of parts) {
    heading(ONBOARDING_PART_LABELS[part]);
    for (const question of QUESTIONS.filter((candidate) => candidate.part === part)) {
      const answer = session?.answers.find((candidate) => candidate.key === question.key);
      const text = session && answer ? formatAnswer(question, answer.value, session) : null;
      if (session && !answer?.answered) open.push(`${ONBOARDING_PART_LABELS[part].split(' –')[0]}: ${question.label}`);
      const meta =
        answer?.answered && answer.answeredByName
          ? `${answer.answeredByName}, ${answer.answeredAt?.slice(0, 16).replace('T', ' ')} UTC`
          : undefined;
      checkbox(question.label, Boolean(answer?.answered), text, question.kind !== 'check' && !text, meta);
    }
  }

  if (session) {
    heading('Still open');
    if (open.length === 0) doc.font('Helvetica').fontSize(10.5).fillColor(INK).text('Nothing: every item is covered.');
    for (const item of open) {
      ensureSpace(16);
      doc.font('Helvetica').fontSize(10).fillColor(INK).text(`•  ${item}`, { width });
    }
  }

  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        `Portico · Customer onboard${session ? ` · ${session.accountName}` : ''}    Page ${index + 1} of ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN + 10,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
