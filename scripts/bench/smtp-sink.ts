import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP sink: accepts everything, counts messages and distinct recipients (each bench message
 * has its own), and reports the counts over IPC. Argument: port.
 */
const port = Number(process.argv[2]);
let messages = 0;
const recipients = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      messages += 1;
      for (const to of session.envelope.rcptTo) recipients.add(to.address);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ messages, distinct: recipients.size });
  if (message === 'reset') {
    messages = 0;
    recipients.clear();
    process.send?.('reset');
  }
});
