// How a host starts the inference worker (a flag on its command line).

/** Start the inference thread at boot: the host will render. */
export const PRESTART_INFERENCE_THREAD = '--prestart-inference-thread';
