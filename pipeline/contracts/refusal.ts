/**
 * A question the service does not answer as asked: the HTTP status it answers with (400 bad input, 404 nothing of that
 * name, …) and the Swedish sentence that says why. The service's answers throw it wherever they are asked from, over
 * HTTP or in process, and the add-in's errors are of its kind, so every caller reads a refusal the same way.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
