/*
 * A stop asked for from outside a real-time run: SIGTERM or SIGINT (scripts/emu sends SIGTERM once
 * the Linux client is done). The handler only sets a flag, the one thing a signal handler may do
 * safely; the run polls it from a simulator event and then ends in its own way (a drain).
 */
#ifndef HANDSHAKE_STOP_REQUEST_H
#define HANDSHAKE_STOP_REQUEST_H

namespace ns3
{

class StopRequest
{
  public:
    /** From now on SIGTERM and SIGINT ask for a stop instead of ending the process. Clears an
     *  earlier request (a run before, in the same process). The handlers stay installed. */
    static void ListenForSignals();
    /** Whether SIGTERM or SIGINT came since ListenForSignals. */
    static bool IsRequested();
};

} // namespace ns3

#endif // HANDSHAKE_STOP_REQUEST_H
