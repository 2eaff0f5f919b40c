package ai.alicemultiverse.beam;

import ai.alicemultiverse.io.Reasons;

/**
 * An object store did not serve a file (unreachable, timed out, 5xx after the client's retries). Unlike a
 * broken file this says nothing about the file, so it fails the job instead of becoming an error row: a
 * rebuild must not replace the cache with one that silently lacks everything the outage hid.
 */
public class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(String path, String reason, Throwable cause) {
    super(path + ": the storage failed (" + reason + "); the job stops rather than leave it out", cause);
  }

  /** The reason when {@code e}, met reading {@code path}, is an outage of its object store; else null. */
  static String outageReason(String path, Throwable e) {
    if (!path.contains("://") || path.startsWith("file://")) {
      return null; // local files: every failure is the file's own
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service) {
        int status = service.statusCode();
        if (status >= 500 || status == 429) {
          return service.getMessage();
        }
        return null; // 403, 404...: about this object
      }
      if (t instanceof com.google.api.client.http.HttpResponseException gcs) { // GCS, through Beam's client
        int status = gcs.getStatusCode();
        if (status >= 500 || status == 429) {
          return "HTTP " + status + " " + firstLine(gcs.getMessage());
        }
        return null;
      }
      if (t instanceof software.amazon.awssdk.core.exception.SdkClientException
          || t instanceof java.net.ConnectException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException) {
        return Reasons.ownMessage(t);
      }
    }
    return null;
  }

  /** The status line of a client's message; the response body it quotes after it can be long. */
  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
