package ai.alicemultiverse.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alicemultiverse.storage.StorageFlags;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alice.toml as written to disk: what it means, and that every mistake is named by file, line and key. */
class LibraryFileTest {
  @TempDir Path dir;

  private Path write(String toml) throws Exception {
    Path file = dir.resolve("conf/alice.toml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, toml);
    return file;
  }

  @Test
  void relativePathsAreReadFromTheFilesFolderAndObjectStoresAsNamed() throws Exception {
    Path file = write("""
        cache = "../cache/alice.duckdb"

        [[location]]
        path = "media"
        storage_type = "external"

        [[location]]
        path = "/abs/renders/"

        [[location]]
        path = "s3://media/ai/"
        s3_endpoint = "http://127.0.0.1:9000"
        s3_path_style = true

        [[location]]
        path = "s3://media/other"
        s3_endpoint = "http://127.0.0.1:9000"
        s3_path_style = true

        [[location]]
        path = 'gs://team/2025'
        gcs_anonymous = true
        """);

    LibraryFile library = LibraryFile.read(file);

    assertThat(library.file()).isEqualTo(file);
    assertThat(library.cache()).isEqualTo(dir.resolve("cache/alice.duckdb"));
    assertThat(library.roots()).containsExactly(dir.resolve("conf/media").toString(), "/abs/renders",
        "s3://media/ai", "s3://media/other", "gs://team/2025");
    assertThat(library.storage()).isEqualTo(
        new StorageFlags(URI.create("http://127.0.0.1:9000"), null, true, null, true));
    assertThat(library.labels().of(dir.resolve("conf/media/a/b.png").toString())).isEqualTo("external");
    assertThat(library.labels().of(dir.resolve("conf/mediax/b.png").toString()))
        .as("not under the location by whole folder").isEqualTo("local");
    assertThat(library.labels().of("/abs/renders/x.png")).isEqualTo("local");
  }

  @Test
  void homeIsTheUsersAndNoCacheMeansTheCommandsDefault() throws Exception {
    LibraryFile library = LibraryFile.read(write("[[location]]\npath = \"~/Pictures\"\n"));

    assertThat(library.cache()).isNull();
    assertThat(library.roots()).containsExactly(Path.of(System.getProperty("user.home"), "Pictures").toString());
  }

  @Test
  void anUnknownKeyIsNamedWithItsFileAndLine() throws Exception {
    Path file = write("cache = \"a.duckdb\"\ncahce = \"b.duckdb\"\n");

    assertThatThrownBy(() -> LibraryFile.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + " line 2: unknown key 'cahce'");
  }

  @Test
  void anUnknownKeyOfALocationIsNamedWithItsFileLineAndLocation() throws Exception {
    Path file = write("""
        [[location]]
        path = "/a"

        [[location]]
        # the second one
        pth = "/b"
        """);

    assertThatThrownBy(() -> LibraryFile.read(file))
        .hasMessageStartingWith(file + " line 6: [[location]] 2: unknown key 'pth'")
        .hasMessageContaining("path, storage_type");
  }

  @Test
  void s3SettingsThatDifferBetweenLocationsAreRefused() throws Exception {
    Path file = write("""
        [[location]]
        path = "s3://a/x"
        s3_endpoint = "http://127.0.0.1:9000"

        [[location]]
        path = "s3://b/y"
        s3_endpoint = "http://127.0.0.1:9001"
        """);

    assertThatThrownBy(() -> LibraryFile.read(file))
        .hasMessageStartingWith(file + " line 7: [[location]] 2 (s3://b/y): key 's3_endpoint' is"
            + " 'http://127.0.0.1:9001', but [[location]] 1 (s3://a/x) has 'http://127.0.0.1:9000'")
        .hasMessageContaining("hold for a whole job");
  }

  @Test
  void aSettingOnlyOneS3LocationGivesIsRefusedToo() throws Exception {
    Path file = write("""
        [[location]]
        path = "s3://a/x"
        s3_region = "eu-west-1"

        [[location]]
        path = "s3://b/y"
        """);

    assertThatThrownBy(() -> LibraryFile.read(file))
        .hasMessageStartingWith(file + " line 3: [[location]] 2 (s3://b/y): key 's3_region' is not set");
  }

  @Test
  void anObjectStoreSettingOfAnotherKindOfLocationIsRefused() throws Exception {
    Path file = write("[[location]]\npath = \"/media\"\ns3_path_style = true\n");

    assertThatThrownBy(() -> LibraryFile.read(file))
        .hasMessage(file + " line 3: [[location]] 1 (/media): key 's3_path_style' is for s3:// locations only");
  }

  @Test
  void storageTypesAreCheckedAgainstTheLocation() throws Exception {
    Path typo = write("[[location]]\npath = \"/media\"\nstorage_type = \"extrenal\"\n");
    assertThatThrownBy(() -> LibraryFile.read(typo))
        .hasMessageStartingWith(typo + " line 3: [[location]] 1 (/media): key 'storage_type' is 'extrenal'")
        .hasMessageContaining("external, local, network");

    Path wrongStore = write("[[location]]\npath = \"s3://b/p\"\nstorage_type = \"local\"\n");
    assertThatThrownBy(() -> LibraryFile.read(wrongStore))
        .hasMessageContaining("line 3: [[location]] 1 (s3://b/p): key 'storage_type' is 'local', but this"
            + " location's storage type is 's3'");
  }

  @Test
  void badValuesAreNamedByKey() throws Exception {
    Path endpoint = write("[[location]]\npath = \"s3://b/p\"\ns3_endpoint = \"ftp://host\"\n");
    assertThatThrownBy(() -> LibraryFile.read(endpoint))
        .hasMessageStartingWith(endpoint + " line 3: [[location]] 1 (s3://b/p): key 's3_endpoint': 'ftp://host'"
            + " is not an http:// or https:// URL");

    Path flag = write("[[location]]\npath = \"gs://b/p\"\ngcs_anonymous = \"yes\"\n");
    assertThatThrownBy(() -> LibraryFile.read(flag))
        .hasMessageStartingWith(flag + " line 3: [[location]] 1 (gs://b/p): key 'gcs_anonymous' is true or false");

    Path number = write("cache = 3\n");
    assertThatThrownBy(() -> LibraryFile.read(number))
        .hasMessage(number + " line 1: key 'cache' is text in quotes, not 3");

    Path noPath = write("[[location]]\nstorage_type = \"local\"\n");
    assertThatThrownBy(() -> LibraryFile.read(noPath))
        .hasMessageStartingWith(noPath + " line 1: [[location]] 1 has no key 'path'");

    Path twice = write("[[location]]\npath = \"/m\"\n[[location]]\npath = \"/m/\"\n");
    assertThatThrownBy(() -> LibraryFile.read(twice))
        .hasMessageStartingWith(twice + " line 4: [[location]] 2: key 'path' names /m again");

    Path table = write("[location]\npath = \"/m\"\n");
    assertThatThrownBy(() -> LibraryFile.read(table))
        .hasMessageStartingWith(table + " line 1: 'location' is a list of tables: write each one as [[location]]");
  }

  @Test
  void aSyntaxErrorIsNamedWithItsLine() throws Exception {
    Path file = write("cache = \"a.duckdb\"\n\n[[location]]\npath = \"/unterminated\n");

    assertThatThrownBy(() -> LibraryFile.read(file))
        .hasMessageStartingWith(file + " line 4: not valid TOML: ");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("nowhere/alice.toml");

    assertThatThrownBy(() -> LibraryFile.read(file)).hasMessage(file + ": no such library file");
  }

  @Test
  void theStarterFileParsesWithAndWithoutLocations() throws Exception {
    Path empty = dir.resolve("empty.toml");
    StarterFile.write(empty, List.of(), false);
    LibraryFile none = LibraryFile.read(empty);
    assertThat(none.locations()).isEmpty();
    assertThat(none.cache()).isEqualTo(dir.resolve("alice.duckdb"));

    Path odd = dir.resolve("a \"quoted\" \\ folder\ttab");
    Path full = dir.resolve("full.toml");
    StarterFile.write(full, List.of(odd.toString(), "s3://media/ai/"), false);
    assertThat(LibraryFile.read(full).roots()).containsExactly(odd.toString(), "s3://media/ai");
  }

  @Test
  void theStarterFileNeverReplacesOneAlreadyThereUnlessForced() throws Exception {
    Path file = dir.resolve("alice.toml");
    Files.writeString(file, "# mine\n");

    assertThatThrownBy(() -> StarterFile.write(file, List.of(), false))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("# mine\n");
    assertThat(dir.toFile().list()).containsExactly("alice.toml");

    StarterFile.write(file, List.of("/m"), true);
    assertThat(LibraryFile.read(file).roots()).containsExactly("/m");
  }
}
