package ai.alicemultiverse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ReasonsTest {
  @Test
  void nioAndJavaIoSayTheSameThingTheSameWay() {
    assertThat(Reasons.of(new NoSuchFileException("/a.jpg"))).isEqualTo("no such file (moved or deleted?)");
    assertThat(Reasons.of(new FileNotFoundException("/a.jpg (No such file or directory)")))
        .isEqualTo("no such file (moved or deleted?)");
    assertThat(Reasons.of(new AccessDeniedException("/a.jpg"))).isEqualTo("permission denied");
    assertThat(Reasons.of(new FileNotFoundException("/a.jpg (Permission denied)"))).isEqualTo("permission denied");
  }

  @Test
  void aJobSaysInItsOwnWordsThatAFileIsMissingUnlessItsNameIsWhy() {
    assertThat(Reasons.of(new NoSuchFileException("/a.jpg"), "vanished during the ingest"))
        .isEqualTo("vanished during the ingest");
    assertThat(Reasons.of(new FileNotFoundException("/a.jpg (No such file or directory)"), "vanished"))
        .isEqualTo("vanished");
    assertThat(Reasons.of(new NoSuchFileException("/caf\uFFFD.jpg"), "vanished")).isEqualTo(Reasons.NAME_NOT_UTF8);
    assertThat(Reasons.of(new AccessDeniedException("/a.jpg"), "vanished")).isEqualTo("permission denied");
    assertThat(Reasons.of(new IOException("bad\u001Bchunk"), "vanished")).isEqualTo("bad\\x1Bchunk");
  }

  @Test
  void aReasonGivenByTheThrowerWins() {
    assertThat(Reasons.of(new NoSuchFileException("/roots", null, "no such file or folder")))
        .isEqualTo("no such file or folder");
    assertThat(Reasons.of(new IOException("JPEG segment runs past end of file"))).isEqualTo("JPEG segment runs past end of file");
    assertThat(Reasons.of(new IOException())).isEqualTo("IOException");
  }

  @Test
  void theTellingExceptionIsTheFirstWhoseMessageIsMoreThanItsCausesName() {
    IOException failure = new IOException("s3://b/k: connection reset");
    Exception wrapped = new RuntimeException(new java.io.UncheckedIOException(new IOException(failure)));

    assertThat(Reasons.telling(wrapped)).isSameAs(failure);
    assertThat(Reasons.message(wrapped)).isEqualTo("s3://b/k: connection reset");
    assertThat(Reasons.message(new RuntimeException("", new IOException()))).isEqualTo("IOException");
    IOException said = new IOException("could not list /x", failure);
    assertThat(Reasons.telling(said)).isSameAs(said);
  }

  @Test
  void missingCoversBothApis() {
    assertThat(Reasons.isMissing(new NoSuchFileException("/a"))).isTrue();
    assertThat(Reasons.isMissing(new FileNotFoundException("/a (No such file or directory)"))).isTrue();
    assertThat(Reasons.isMissing(new FileNotFoundException("/a (Permission denied)"))).isFalse();
  }
}
