/** The port for delivering alerts (an SNS topic in AWS and in the local emulator). */
import type { AlertNotification } from '../alerts/alert-notification.ts';

export interface AlertPublisher {
  /** Publishes one alert and returns the delivery service's message id. */
  publish(notification: AlertNotification): Promise<string>;
}
