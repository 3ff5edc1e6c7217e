from craftcity.core.pictures import share_region


def test_the_share_crop_is_the_largest_card_shaped_part_of_a_picture():
    assert share_region(2000, 500) == (524, 0, 952, 500)  # a wide picture loses its sides, evenly
    assert share_region(900, 1200) == (0, 218, 900, 472)  # a portrait keeps its upper part (a face, a top)
    assert share_region(1200, 630) == (0, 0, 1200, 630)  # already the card
