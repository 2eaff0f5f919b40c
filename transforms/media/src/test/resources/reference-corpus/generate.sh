#!/usr/bin/env bash
# Writes the content-hash reference corpus into folder $1 with real encoders (ImageMagick,
# libjpeg-turbo's cjpeg/jpegtran, libtiff's tiffcp, ffmpeg). Every file is hashed by alice and by
# ExifTool 13 (ImageDataHashReferenceTest). Prints the kinds not generated yet as "pending KIND why".
set -u
out=$1
cd "$out" || exit 1
fail() { echo "failed: $*" >&2; }
run() { "$@" 2>/dev/null || fail "$*"; }

# --- sources: colour and grey pictures of awkward sizes (not multiples of the 8/16 pixel blocks)
sizes=(96x64 161x97 17x300 320x240)
i=0
for s in "${sizes[@]}"; do
  i=$((i + 1))
  run convert -seed "$i" -size "$s" plasma:fractal -depth 8 "src$i.ppm"
  run convert "src$i.ppm" -colorspace Gray -depth 8 "gray$i.pgm"
done

cat > scans-progressive.txt <<'S'
0,1,2: 0-0, 0, 1 ;
0: 1-5, 0, 2 ;
2: 1-63, 0, 1 ;
1: 1-63, 0, 1 ;
0: 6-63, 0, 2 ;
0: 1-63, 2, 1 ;
0,1,2: 0-0, 1, 0 ;
2: 1-63, 1, 0 ;
1: 1-63, 1, 0 ;
0: 1-63, 1, 0 ;
S
cat > scans-spectral.txt <<'S'
0,1,2: 0-0, 0, 0 ;
0: 1-9, 0, 0 ;
0: 10-63, 0, 0 ;
1: 1-63, 0, 0 ;
2: 1-63, 0, 0 ;
S
# sequential (baseline) in one scan per component: with -optimize a DHT comes between the scans
cat > scans-sequential.txt <<'S'
0: 0-63, 0, 0 ;
1: 0-63, 0, 0 ;
2: 0-63, 0, 0 ;
S
cat > scans-sequential-interleaved.txt <<'S'
0,1: 0-63, 0, 0 ;
2: 0-63, 0, 0 ;
S

# --- JPEG from cjpeg
for n in 1 2 3 4; do
  src=src$n.ppm
  run cjpeg -outfile "cj$n-baseline.jpg" "$src"
  run cjpeg -quality 95 -outfile "cj$n-q95.jpg" "$src"
  run cjpeg -optimize -outfile "cj$n-optimize.jpg" "$src"
  run cjpeg -progressive -outfile "cj$n-progressive.jpg" "$src"
  run cjpeg -restart 1 -outfile "cj$n-restart1.jpg" "$src"
  run cjpeg -restart 3B -outfile "cj$n-restart3b.jpg" "$src"
  run cjpeg -progressive -restart 2 -outfile "cj$n-progressive-restart.jpg" "$src"
  run cjpeg -sample 1x1 -outfile "cj$n-444.jpg" "$src"
  run cjpeg -arithmetic -outfile "cj$n-arithmetic.jpg" "$src"
  run cjpeg -arithmetic -progressive -outfile "cj$n-arithmetic-progressive.jpg" "$src"
  run cjpeg -scans scans-progressive.txt -outfile "cj$n-scans-progressive.jpg" "$src"
  run cjpeg -scans scans-spectral.txt -outfile "cj$n-scans-spectral.jpg" "$src"
  run cjpeg -scans scans-sequential.txt -optimize -outfile "cj$n-scans-sequential-dht.jpg" "$src"
  run cjpeg -scans scans-sequential-interleaved.txt -optimize -outfile "cj$n-scans-sequential-interleaved.jpg" "$src"
  run cjpeg -grayscale -outfile "cj$n-grayscale.jpg" "$src"
  run cjpeg -outfile "cj$n-gray-source.jpg" "gray$n.pgm"
  run cjpeg -progressive -outfile "cj$n-gray-progressive.jpg" "gray$n.pgm"
  run cjpeg -restart 1 -optimize -outfile "cj$n-gray-restart.jpg" "gray$n.pgm"
done

# --- JPEG rewritten by jpegtran (lossless: same coefficients, other scans and tables)
for n in 1 2 3 4; do
  base=cj$n-baseline.jpg
  run jpegtran -progressive -outfile "jt$n-progressive.jpg" "$base"
  run jpegtran -optimize -outfile "jt$n-optimize.jpg" "$base"
  run jpegtran -scans scans-progressive.txt -outfile "jt$n-scans-progressive.jpg" "$base"
  run jpegtran -scans scans-spectral.txt -outfile "jt$n-scans-spectral.jpg" "$base"
  run jpegtran -scans scans-sequential.txt -optimize -outfile "jt$n-scans-sequential-dht.jpg" "$base"
  run jpegtran -restart 1 -outfile "jt$n-restart.jpg" "$base"
  run jpegtran -arithmetic -outfile "jt$n-arithmetic.jpg" "$base"
  run jpegtran -copy all -rotate 90 -outfile "jt$n-rotate.jpg" "$base"
  run jpegtran -progressive -restart 1 -outfile "jt$n-progressive-restart.jpg" "cj$n-progressive.jpg"
done

# --- JPEG from ImageMagick: progressive (-interlace), CMYK, subsampling
run convert -size 640x480 plasma:fractal -interlace JPEG -quality 85 im-prog-640.jpg
for n in 1 2 3 4; do
  src=src$n.ppm
  run convert "$src" -interlace JPEG -quality 85 "im$n-interlace-jpeg.jpg"
  run convert "$src" -interlace Plane -quality 70 "im$n-interlace-plane.jpg"
  run convert "$src" -colorspace CMYK -quality 90 "im$n-cmyk.jpg"
  run convert "$src" -colorspace CMYK -interlace JPEG "im$n-cmyk-progressive.jpg"
  run convert "$src" -sampling-factor 4:2:2 -quality 80 "im$n-422.jpg"
done

# --- JPEG with things around the image data: EXIF thumbnail, trailer, a second JPEG appended
for n in 1 2; do
  cp "cj$n-progressive.jpg" "x$n-thumbnail.jpg"
  run convert "src$n.ppm" -resize 32x32 "thumb$n.jpg"
  run perl "$EXIFTOOL13" -q -overwrite_original "-ThumbnailImage<=thumb$n.jpg" "x$n-thumbnail.jpg"
  cat "cj$n-baseline.jpg" > "x$n-trailer.jpg"; printf 'trailing bytes after EOI \xff\xd9' >> "x$n-trailer.jpg"
  cat "cj$n-progressive.jpg" "cj$n-baseline.jpg" > "x$n-appended-jpeg.jpg"
  rm -f "thumb$n.jpg"
done

# --- TIFF: compressions, strips, tiles, planes, pages, pyramids
for n in 1 2 3 4; do
  src=src$n.ppm
  run convert "$src" -compress None "tf$n-none.tif"
  run convert "$src" -compress LZW "tf$n-lzw.tif"
  run convert "$src" -compress Zip "tf$n-zip.tif"
  run convert "$src" -compress RLE "tf$n-packbits.tif"
  run convert "$src" -compress JPEG "tf$n-jpeg.tif"
  run convert "gray$n.pgm" -depth 16 -compress None "tf$n-gray16.tif"
  run tiffcp -t -w 16 -l 16 "tf$n-none.tif" "tc$n-tiled.tif"
  run tiffcp -t -w 32 -l 32 -c lzw "tf$n-none.tif" "tc$n-tiled-lzw.tif"
  run tiffcp -r 1 "tf$n-none.tif" "tc$n-rows1.tif"
  run tiffcp -p separate "tf$n-none.tif" "tc$n-planar.tif"
  run tiffcp -c jpeg -r 16 "tf$n-none.tif" "tc$n-jpeg.tif"
  run tiffcp -c zip "tf$n-none.tif" "tf$n-lzw.tif" "tc$n-twopages.tif"
done
run convert src1.ppm src2.ppm src3.ppm -compress LZW tf-multipage.tif
run convert src1.ppm gray2.pgm src4.ppm -compress None tf-multipage-mixed.tif
run convert src4.ppm -define tiff:tile-geometry=64x64 ptif:tf-pyramid.tif
run convert src4.ppm -compress JPEG -define tiff:tile-geometry=64x64 ptif:tf-pyramid-jpeg.tif

# --- PNG
for n in 1 2 3 4; do
  src=src$n.ppm
  run convert "$src" "pn$n-rgb.png"
  run convert "$src" -depth 16 "pn$n-rgb16.png"
  run convert "$src" -colors 16 "pn$n-palette.png"
  run convert "gray$n.pgm" "pn$n-gray.png"
  run convert "$src" -alpha set -channel A -evaluate set 60% "pn$n-alpha.png"
  run convert "$src" -interlace PNG "pn$n-interlaced.png"
done

# --- WebP
for n in 1 2 3 4; do
  src=src$n.ppm
  run convert "$src" -quality 80 "wp$n-lossy.webp"
  run convert "$src" -define webp:lossless=true "wp$n-lossless.webp"
  run convert "$src" -alpha set -channel A -evaluate set 50% -quality 70 "wp$n-alpha.webp"
done

# --- MP4 / MOV / M4A (ISO BMFF)
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@" 2>/dev/null || fail "ffmpeg $*"; }
video="-f lavfi -i testsrc=size=64x48:rate=10:duration=1"
sound="-f lavfi -i sine=frequency=440:duration=1"
ff $video -c:v libx264 -pix_fmt yuv420p mv-h264.mp4
ff $video $sound -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest mv-h264-aac.mp4
ff $video $sound -c:v mpeg4 -c:a aac -shortest -movflags +faststart mv-mpeg4-faststart.mp4
ff $video -c:v mjpeg mv-mjpeg.mov
ff $video $sound -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le -shortest mv-h264-pcm.mov
ff $sound -c:a aac mv-aac.m4a

# --- read-only formats ExifTool hashes: HEIC/AVIF (iloc item data), AVI (LIST movi)
for n in 1 2 3 4; do
  run convert "src$n.ppm" -quality 70 "hf$n.heic"
  run convert "src$n.ppm" -quality 70 "av$n.avif"
  run convert "src$n.ppm" -alpha set -channel A -evaluate set 50% "hf$n-alpha.png"
  run convert "hf$n-alpha.png" "hf$n-alpha.heic"
done
run convert src1.ppm src1.png
run convert src2.ppm src2.png
run heif-enc -t 16 -o hf-two-images.heic src1.png src2.png
run heif-enc -A -t 16 -o av-two-images.avif src1.png src2.png
rm -f ./hf*-alpha.png src1.png src2.png
ff $video $sound -c:v mjpeg -c:a pcm_s16le -shortest vi-mjpeg-pcm.avi
ff $video $sound -c:v mpeg4 -c:a libmp3lame -shortest vi-mpeg4-mp3.avi
ff $video -c:v mpeg4 vi-mpeg4-silent.avi
echo "pending jpeg-12bit cjpeg of libjpeg-turbo 2.1 cannot write 12-bit JPEG"

rm -f ./*.ppm ./*.pgm scans-*.txt
