package dev.lambdalens.notification;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import javax.net.ssl.SSLException;

/**
 * A failed send as the delivery log stores it and the pages show it: what happened, in words, never the exception's
 * text (which can carry the whole URL, and so a webhook's credential) nor a Java class name.
 */
final class SendFailures {

    private SendFailures() {
    }

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "could not connect in time";
            }
            if (cause instanceof HttpTimeoutException) {
                return "the receiver did not answer in time";
            }
            if (cause instanceof java.net.SocketTimeoutException) {
                return "the receiver did not answer in time (read or write timeout)";
            }
            if (cause instanceof ConnectException) {
                return "the receiver refused the connection";
            }
            if (cause instanceof UnknownHostException) {
                return "the receiver's host name is not known";
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to the receiver";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake with the receiver failed";
            }
            if (cause instanceof ChannelException) {
                return String.valueOf(cause.getMessage());
            }
        }
        if (failure instanceof java.io.IOException) {
            return "the connection to the receiver failed";
        }
        return "the notification could not be sent";
    }
}
